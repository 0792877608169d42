"""(being written)"""


def layout_families():
    return []
