"""The command line's own words in Chinese: usage line, section titles, error messages.

argparse looks every text it prints up through gettext when it prints it. The program ships
no message catalogues, so argparse's few texts are translated here, and its lookup is
pointed at this table before the parser is built; a text not in the table stays as it is.
"""

import argparse

TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中须给出一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是 %(matches)s"
    ),
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有命令 %(parser_name)r（可用：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开 %(filename)s：%(error)s",
}
COUNTED = {"expected %s argument": "需要 %s 个值", "expected %s arguments": "需要 %s 个值"}


def _text(message: str) -> str:
    return TEXTS.get(message, message)


def _counted(singular: str, plural: str, count: int) -> str:
    english = singular if count == 1 else plural
    return COUNTED.get(english, english)


def install() -> None:
    argparse._ = _text
    argparse.ngettext = _counted
