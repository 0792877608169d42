"""(being written)"""


def question_families():
    return []
