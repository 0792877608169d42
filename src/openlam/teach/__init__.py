"""Teach mode: record a task once, keep it as an editable skill, replay it with new inputs.

`recorder` captures a demonstration (each action with the semantic target it acted on),
`params` turns its typed values into named parameters, `skill` is the saved file, `target`
finds a recorded control again in a changed interface, `replay` plays a skill without a
model and hands over to the agent where it loses its way, `export` turns demonstrations into
the dataflow's trajectories.
"""
