"""The API's JSON parser: every malformed body is a 400 with a Chinese message.

DRF's own parser answers malformed JSON in English and lets the ``RecursionError`` of a
deeply nested body (``[[[[…]]]]``) escape as a 500 — also from the CSRF check, which reads
the body before any view runs. Depth is bounded here as well, so nothing downstream has to
walk a value nested hundreds of levels deep.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DrfJSONParser
from rest_framework.utils.json import strict_constant

MAX_DEPTH = 32
MALFORMED = "请求体不是有效的 JSON（第 {line} 行第 {column} 列：{problem}）。"
TOO_DEEP = f"请求体的 JSON 嵌套过深（最多 {MAX_DEPTH} 层）。"
BAD_ENCODING = "请求体的字符编码有误，应为 UTF-8 编码的 JSON。"
PROBLEMS = {
    "Expecting value": "缺少值",
    "Expecting property name enclosed in double quotes": "属性名须用双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串没有结束",
    "Extra data": "多余的内容",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义",
}


def _depth_ok(value: Any) -> bool:
    """Walk ``value`` without recursion; False once it is nested deeper than MAX_DEPTH."""
    if not isinstance(value, dict | list):
        return True
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                if depth + 1 > MAX_DEPTH:
                    return False
                stack.append((child, depth + 1))
    return True


class JSONParser(DrfJSONParser):  # type: ignore[misc]
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            text = codecs.getreader(encoding)(stream).read()
            value = json.loads(text, parse_constant=strict_constant if self.strict else None)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        except json.JSONDecodeError as err:
            problem = next(
                (zh for en, zh in PROBLEMS.items() if err.msg.startswith(en)), "格式错误"
            )
            message = MALFORMED.format(line=err.lineno, column=err.colno, problem=problem)
            raise ParseError(message) from None
        except (UnicodeError, LookupError):
            raise ParseError(BAD_ENCODING) from None
        except ValueError:  # NaN / Infinity under STRICT_JSON
            raise ParseError("请求体的 JSON 含有非法的数值（NaN 或 Infinity）。") from None
        if not _depth_ok(value):
            raise ParseError(TOO_DEEP)
        return value
