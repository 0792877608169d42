"""The four training phases of the paper: plan SFT (LAM1), imitation of the expert (LAM2),
self-boosting exploration (LAM3), and a reward model with offline policy optimisation (LAM4).

Every phase reads files and writes one checkpoint directory (a PEFT adapter or a full
transformers model, with the tokenizer and a meta.json), so phases chain through the disk and
an interrupted phase resumes from its last saved step.
"""
