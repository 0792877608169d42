"""(being written)"""


def structure_families():
    return []
