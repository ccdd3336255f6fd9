"""Every HTML attribute that can navigate or run script is checked (issue 16, finding 7),
in content and in theme overrides."""

from __future__ import annotations

import pytest
from sitekit import page

from kb_builder.checks.html import scan, scan_links
from kb_builder.checks.urls import UNSAFE, classify

QUIET = {"search": {"enabled": False}}

VECTORS = {
    "form action": '<form action="javascript:alert(1)"><input type="submit"></form>',
    "button formaction": '<button formaction="JaVaScRiPt:alert(2)">Go</button>',
    "input formaction": '<input type="submit" formaction="javascript:alert(3)">',
    "svg href": '<svg><a href="javascript:alert(4)"><text>x</text></a></svg>',
    "svg xlink:href": '<svg><a xlink:href="javascript:alert(5)"><text>x</text></a></svg>',
    "svg animate": '<svg><a><animate attributeName="href" values="javascript:alert(6)"/></a></svg>',
    "svg set": '<svg><a><set attributeName="xlink:href" to="javascript:alert(7)"/></a></svg>',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=javascript:alert(8)">',
    "iframe srcdoc": '<iframe srcdoc="&lt;a href=&quot;javascript:alert(9)&quot;&gt;x&lt;/a&gt;"></iframe>',
    "iframe src": '<iframe src="javascript:alert(10)"></iframe>',
    "object data": '<object data="javascript:alert(11)"></object>',
    "embed src": '<embed src="data:text/html,&lt;script&gt;alert(12)&lt;/script&gt;">',
    "base href": '<base href="javascript:alert(13)//">',
    "mathml href": '<math href="javascript:alert(14)"><mi>x</mi></math>',
}


@pytest.mark.parametrize("name", VECTORS)
def test_each_vector_is_found_and_unsafe(name: str) -> None:
    links = scan(VECTORS[name]).links
    assert links, name
    assert [classify(link.url, tag=link.tag).kind for link in links] == [UNSAFE] * len(links)


@pytest.mark.parametrize("name", [n for n in VECTORS if n != "mathml href"])
def test_theme_reader_finds_each_vector(name: str) -> None:
    links = scan_links(VECTORS[name])
    assert [classify(link.url, tag=link.tag, template=True).kind for link in links] == [UNSAFE]


def test_safe_uses_are_left_alone() -> None:
    html = (
        '<form action="https://example.com/search"></form><meta http-equiv="refresh" '
        'content="30"><meta name="refresh" content="javascript:no"><svg><animate '
        'attributeName="opacity" values="0;1"/></svg><iframe srcdoc="&lt;p&gt;hi&lt;/p&gt;"></iframe>'
    )
    assert [(link.tag, link.url) for link in scan(html).links] == [
        ("form", "https://example.com/search")
    ]


def test_every_vector_in_content_fails_the_build(build_site) -> None:
    body = "\n\n".join(VECTORS.values())
    built = build_site({"en/a.md": page("A", body)}, plugin=QUIET)
    assert built.error == "Aborted with a BuildError!"
    errors = built.kb_logs("ERROR")
    assert len(errors) == len(VECTORS), errors
    assert all(line.startswith("content/en/a.md:") and " is unsafe: " in line for line in errors)
    assert errors[0] == (
        "content/en/a.md:6: the form address 'javascript:alert(1)' is unsafe: it uses the "
        "'javascript:' scheme, which runs code in the reader's browser. Remove it; link to a "
        "page or an https:// address instead."
    )


def test_form_action_in_a_theme_override_fails(build_site) -> None:
    built = build_site(
        {"en/a.md": page("A")},
        config={"theme": {"name": "material", "custom_dir": "overrides"}},
        plugin=QUIET,
        extra={
            "overrides/main.html": (
                '{% extends "base.html" %}\n{% block footer %}\n'
                '<form action="javascript:track()"></form>\n'
                '<meta http-equiv="refresh" content="5;URL=\'vbscript:x\'">\n{% endblock %}\n'
            )
        },
    )
    assert built.error == "Aborted with a BuildError!"
    errors = built.kb_logs("ERROR")
    assert errors[0].startswith(
        "overrides/main.html:3: the theme's form address to 'javascript:track()' is unsafe"
    )
    assert errors[1].startswith(
        "overrides/main.html:4: the theme's refresh address to 'vbscript:x' is unsafe"
    )
