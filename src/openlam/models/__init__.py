"""Model backends: anything that turns chat messages into text.

Every backend implements the `TextModel` protocol from `openlam.models.base`; pick one with
`openlam.models.config.ModelConfig` and `load_model`. Heavy libraries (torch, transformers,
llama-cpp) are imported only when a backend that needs them is built.
"""

from openlam.models.base import Generation, Message, ModelError, TextModel

__all__ = ["Generation", "Message", "ModelError", "TextModel"]
