"""(being written)"""


def compound_families():
    return []
