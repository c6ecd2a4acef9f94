"""The field machinery of lambda_runtime.events._base, on small classes declared here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from lambda_runtime.events._base import (
    EventDecodeError,
    EventObject,
    EventResponse,
    Field,
    ListOf,
    MapOf,
    MissingFieldError,
    NestedField,
    Obj,
    OptionalField,
    OptionalListOf,
    OptionalMapOf,
    OptionalObj,
    compact,
)

if TYPE_CHECKING:
    from typing_extensions import Self


class Leaf(EventObject):
    __slots__ = ()
    name = Field[str]("name")
    size = OptionalField[int]("size")


class Root(EventObject):
    __slots__ = ()
    ident = Field[str]("Id")
    note = OptionalField[str]("note")
    leaf = Obj("leaf", Leaf)
    maybe_leaf = OptionalObj("maybeLeaf", Leaf)
    leaves = ListOf("Leaves", Leaf)
    maybe_leaves = OptionalListOf("maybeLeaves", Leaf)
    by_name = MapOf("byName", Leaf)
    maybe_by_name = OptionalMapOf("maybeByName", Leaf)


def full_doc() -> dict[str, object]:
    return {
        "Id": "r1",
        "leaf": {"name": "a", "size": 3},
        "Leaves": [{"name": "b"}, {"name": "c", "size": 1, "extra": [1]}],
        "byName": {"x": {"name": "x"}},
        "unknown": {"kept": True},
    }


def test_reads_typed_fields_without_copying() -> None:
    doc = full_doc()
    root = Root.from_dict(doc)
    assert root.to_dict() is doc
    assert root.ident == "r1"
    assert root.note is None
    assert root.leaf.name == "a"
    assert root.leaf.size == 3
    assert root.maybe_leaf is None
    assert [leaf.name for leaf in root.leaves] == ["b", "c"]
    assert root.leaves[0].size is None
    assert root.maybe_leaves is None
    assert root.by_name["x"].name == "x"
    assert root.maybe_by_name is None
    assert root.get("unknown") == {"kept": True}
    assert root.leaves[1].to_dict() is doc["Leaves"][1]  # type: ignore[index]


def test_lists_are_built_once_and_objects_are_views_of_the_same_dict() -> None:
    root = Root.from_dict(full_doc())
    assert root.leaves is root.leaves
    assert root.by_name is root.by_name
    assert root.leaf == root.leaf
    root.leaf.size = 9  # a write through one view shows in the next
    assert root.leaf.size == 9
    assert root.to_dict()["leaf"] == {"name": "a", "size": 9}


def test_missing_required_field_names_class_and_key() -> None:
    root = Root.from_dict({})
    with pytest.raises(MissingFieldError, match=r"Root: required field 'Id' is missing"):
        _ = root.ident
    with pytest.raises(MissingFieldError, match="'Leaves'"):
        _ = root.leaves
    with pytest.raises(KeyError):  # MissingFieldError is also a KeyError
        _ = root.leaf


def test_null_required_object_is_a_clear_error() -> None:
    root = Root.from_dict({"leaf": None})
    with pytest.raises(EventDecodeError, match=r"Root\.leaf: required field is null"):
        _ = root.leaf


def test_optional_objects_read_null_as_none() -> None:
    root = Root.from_dict({"maybeLeaf": None, "maybeLeaves": None, "maybeByName": None})
    assert root.maybe_leaf is None
    assert root.maybe_leaves is None
    assert root.maybe_by_name is None


@pytest.mark.parametrize(
    ("doc", "attr", "message"),
    [
        ({"leaf": "text"}, "leaf", r"Root\.leaf: expected a JSON object, got str"),
        ({"Leaves": {"name": "a"}}, "leaves", r"Root\.Leaves: expected a JSON array, got dict"),
        ({"Leaves": [1]}, "leaves", r"Root\.Leaves\[0\]: expected a JSON object, got int"),
        ({"byName": {"x": 2}}, "by_name", r"Root\.byName\.x: expected a JSON object, got int"),
    ],
)
def test_wrong_shapes_are_clear_errors(doc: dict[str, object], attr: str, message: str) -> None:
    root = Root.from_dict(doc)
    with pytest.raises(EventDecodeError, match=message):
        getattr(root, attr)


@pytest.mark.parametrize("value", [[1, 2], "text", 3, None])
def test_from_dict_rejects_non_objects(value: object) -> None:
    with pytest.raises(EventDecodeError, match="Root needs a JSON object"):
        Root.from_dict(value)


def test_from_json_reports_invalid_json() -> None:
    with pytest.raises(EventDecodeError, match="Root: the event is not valid JSON"):
        Root.from_json(b'{"Id": "x",}')
    assert Root.from_json(b'{"Id": "x"}').ident == "x"


def test_assignment_writes_into_the_document() -> None:
    root = Root.from_dict(full_doc())
    root.ident = "r2"
    root.note = "hello"
    root.leaf = Leaf.from_dict({"name": "new"})
    root.leaves = [Leaf.from_dict({"name": "only"})]
    assert root.leaves[0].name == "only"
    root.note = None
    root.maybe_leaf = None
    doc = root.to_dict()
    assert doc["Id"] == "r2"
    assert "note" not in doc
    assert doc["leaf"] == {"name": "new"}
    assert doc["Leaves"] == [{"name": "only"}]
    assert root.leaf.name == "new"
    del root.leaf
    assert "leaf" not in doc


def test_equality_and_repr() -> None:
    assert Root.from_dict(full_doc()) == Root.from_dict(full_doc())
    assert Root.from_dict(full_doc()) != Leaf.from_dict(full_doc())
    assert repr(Leaf.from_dict({"name": "a"})) == "Leaf({'name': 'a'})"
    assert repr(Root.from_dict({"Id": "x" * 500})).endswith("...)")


def test_setting_an_unknown_attribute_is_refused() -> None:
    root = Root.from_dict({})
    with pytest.raises(AttributeError, match="free_attribute"):
        root.free_attribute = 1  # type: ignore[attr-defined]


def test_cached_wrapper_is_replaced_after_assignment() -> None:
    root = Root.from_dict(full_doc())
    first = root.leaves
    root.leaves = [{"name": "plain mapping"}]
    assert root.leaves is not first
    assert root.leaves[0].name == "plain mapping"
    root.by_name = {"k": Leaf.from_dict({"name": "k"})}
    assert root.to_dict()["byName"] == {"k": {"name": "k"}}


def test_descriptor_on_class_is_the_field() -> None:
    field = Root.ident
    assert isinstance(field, Field)
    assert field.key == "Id"
    assert Root.leaves.cls is Leaf
    assert Root.from_dict({"Id": "a"}).ident == "a"  # the first read makes the field's read function
    assert Root.ident is field
    assert Root.from_dict({"Id": "b"}).ident == "b"


def test_compact_drops_none_values_only() -> None:
    assert compact({"a": None, "b": 0, "c": "", "d": False}) == {"b": 0, "c": "", "d": False}


def test_deleting_a_required_field_removes_its_key() -> None:
    root = Root.from_dict({"Id": "r1"})
    root.ident = None  # type: ignore[assignment]  # a required field keeps an assigned None ...
    assert root.to_dict() == {"Id": None}
    del root.ident  # ... and ``del`` removes the key
    assert root.to_dict() == {}


def test_views_are_built_by_from_dict_not_by_calling_the_class() -> None:
    with pytest.raises(TypeError, match="takes no arguments"):
        Leaf({"name": "a"})  # type: ignore[call-arg]
    leaf = Leaf.from_dict({"name": "a"})
    assert type(leaf) is Leaf
    assert leaf.name == "a"


def test_from_dict_builds_the_subclass_it_is_called_on() -> None:
    class BigLeaf(Leaf):
        __slots__ = ()
        weight = OptionalField[int]("weight")

    big = BigLeaf.from_dict({"name": "b", "weight": 3})
    assert type(big) is BigLeaf
    assert (big.name, big.weight) == ("b", 3)
    with pytest.raises(EventDecodeError, match="BigLeaf needs a JSON object, got list"):
        BigLeaf.from_dict([])


class Reply(EventResponse):
    __slots__ = ()
    code = Field[int]("code")
    leaf = OptionalObj("leaf", Leaf)

    def __init__(self, code: int) -> None:
        super().__init__({"code": code, "built": True})


class Replies(EventObject):
    __slots__ = ()
    first = Obj("first", Reply)
    all = ListOf("all", Reply)


def test_response_classes_decode_without_running_their_init() -> None:
    assert Reply(201).to_dict() == {"code": 201, "built": True}
    decoded = Reply.from_dict({"code": 404})
    assert type(decoded) is Reply
    assert decoded.to_dict() == {"code": 404}
    replies = Replies.from_dict({"first": {"code": 1}, "all": [{"code": 2}, {"code": 3}]})
    assert replies.first.to_dict() == {"code": 1}
    assert [reply.code for reply in replies.all] == [2, 3]
    assert all(type(reply) is Reply for reply in replies.all)
    with pytest.raises(EventDecodeError, match="Reply needs a JSON object, got str"):
        Reply.from_dict("x")
    with pytest.raises(EventDecodeError, match="Reply needs a JSON object, got list"):
        EventResponse.__init__(Reply.from_dict({}), [])  # type: ignore[arg-type]


def test_a_view_with_its_own_init_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="BadReply defines __init__: derive it from EventResponse"):

        class BadReply(Leaf):
            __slots__ = ()

            def __init__(self, name: str) -> None:
                super().__init__()


def test_a_custom_from_dict_is_kept_by_subclasses() -> None:
    class Upper(EventObject):
        __slots__ = ()
        name = Field[str]("name")

        @classmethod
        def from_dict(cls, doc: Any) -> Self:
            obj = super().from_dict(doc)
            obj.name = obj.name.upper()
            return obj

    class Child(Upper):
        __slots__ = ()

    child = Child.from_dict({"name": "abc"})
    assert type(child) is Child
    assert child.name == "ABC"


def test_a_from_dict_bound_once_keeps_building_its_class() -> None:
    class Captured(EventObject):
        __slots__ = ()
        name = Field[str]("name")

    class Below(Captured):
        __slots__ = ()

    bound, below = Captured.from_dict, Below.from_dict  # what the runtime's codec keeps
    for _ in range(2):
        assert type(bound({"name": "a"})) is Captured
        assert type(below({"name": "b"})) is Below
    with pytest.raises(EventDecodeError, match="Captured needs a JSON object, got int"):
        bound(1)


def test_a_class_with_its_own_init_and_decoder_is_accepted() -> None:
    class Own(EventObject):
        __slots__ = ()

        def __init__(self, name: str) -> None:
            self._doc = {"name": name}
            self._cache = None

        @staticmethod
        def from_dict(doc: Any) -> Own:
            return Own(str(doc["name"]))

    class Holder(EventObject):
        __slots__ = ()
        own = Obj("own", Own)
        owns = ListOf("owns", Own)

    assert Own.from_dict({"name": "x"}).to_dict() == {"name": "x"}
    holder = Holder.from_dict({"own": {"name": "y", "extra": 1}, "owns": [{"name": "z"}]})
    assert holder.own.to_dict() == {"name": "y", "extra": 1}  # nested reads never run __init__
    assert [own.to_dict() for own in holder.owns] == [{"name": "z"}]


class Shortcuts(EventObject):
    __slots__ = ()
    method = NestedField[str]("ctx", "http", "method")
    depth_two = NestedField[int]("ctx", "n")
    depth_four = NestedField[str]("a", "b", "c", "d")


def test_a_nested_field_reads_through_the_objects_in_one_step() -> None:
    doc: dict[str, Any] = {"ctx": {"http": {"method": "GET"}, "n": 2}, "a": {"b": {"c": {"d": "deep"}}}}
    event = Shortcuts.from_dict(doc)
    assert (event.method, event.depth_two, event.depth_four) == ("GET", 2, "deep")
    event.method = "PUT"
    assert doc["ctx"]["http"]["method"] == "PUT"  # written into the same document


@pytest.mark.parametrize(
    ("doc", "attr", "error", "message"),
    [
        ({}, "method", MissingFieldError, "Shortcuts: required field 'ctx.http.method' is missing"),
        ({"ctx": {"http": {}}}, "method", MissingFieldError, "'ctx.http.method' is missing"),
        (
            {"ctx": {"http": ["GET"]}},
            "method",
            EventDecodeError,
            "Shortcuts.ctx.http: expected a JSON object",
        ),
        ({"ctx": "text"}, "depth_two", EventDecodeError, "Shortcuts.ctx: expected a JSON object, got str"),
        (
            {"a": {"b": None}},
            "depth_four",
            EventDecodeError,
            "Shortcuts.a.b: expected a JSON object, got None",
        ),
    ],
)
def test_a_nested_field_names_the_level_that_fails(
    doc: dict[str, Any], attr: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        getattr(Shortcuts.from_dict(doc), attr)


def test_assigning_a_nested_field_creates_missing_levels_and_refuses_non_objects() -> None:
    event = Shortcuts.from_dict({})
    event.method = "POST"
    assert event.to_dict() == {"ctx": {"http": {"method": "POST"}}}
    del event.method
    assert event.to_dict() == {"ctx": {"http": {}}}
    del Shortcuts.from_dict({}).method  # nothing to remove: no levels are created
    blocked = Shortcuts.from_dict({"ctx": {"http": "GET"}})
    with pytest.raises(EventDecodeError, match=re.escape("ctx.http: expected a JSON object, got str")):
        blocked.method = "PUT"
    assert blocked.to_dict() == {"ctx": {"http": "GET"}}  # nothing overwritten


def test_a_nested_field_needs_two_keys() -> None:
    with pytest.raises(TypeError, match="at least two keys"):
        NestedField[str]("only")
