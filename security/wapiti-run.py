"""Runs Debian's wapiti 3.0.4 with one mend (see docs/security-scan.md): its exclusion patterns (-x) are compiled as
'<pattern>\\Z(?ms)', which Python 3.11 refuses ("global flags not at the start"), so any -x makes it crash. The same
translation with the flags in front is patched in before wapiti starts; nothing else changes."""
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + ".*".join(re.escape(part) for part in pattern.split("*")) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402  (after the mend)

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
