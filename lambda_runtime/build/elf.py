"""Just enough ELF reading for packaging: a file's machine, and rewriting its RPATH/RUNPATH in place.

Rule: only 64-bit little-endian files (what Lambda runs) are read; anything else reads as "not ELF".
"""

from __future__ import annotations

import struct

__all__ = ["MACHINES", "machine", "read_runpath", "rewrite_runpath"]

MACHINES = {62: "x86_64", 183: "aarch64", 3: "i386", 40: "arm"}
_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_STRTAB, _DT_RPATH, _DT_RUNPATH = 0, 5, 15, 29


def machine(data: bytes) -> str | None:
    """``x86_64``, ``aarch64``, ... for an ELF file's bytes (any class), None when not ELF."""
    if len(data) < 20 or data[:4] != b"\x7fELF":
        return None
    order = "<" if data[5] == 1 else ">"
    (code,) = struct.unpack_from(order + "H", data, 18)
    return MACHINES.get(code, f"e_machine={code}")


def _runpath_slots(data: bytes) -> list[tuple[int, int]]:
    """(file offset, length) of each RPATH/RUNPATH string."""
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (phoff,) = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    loads: list[tuple[int, int, int]] = []
    dynamic: tuple[int, int] | None = None
    for index in range(phnum):
        base = phoff + index * phentsize
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack_from("<IIQQQQ", data, base)
        if p_type == _PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == _PT_DYNAMIC:
            dynamic = (p_offset, p_filesz)
    if dynamic is None:
        return []
    strtab_vaddr = None
    wanted: list[int] = []
    for position in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, value = struct.unpack_from("<qQ", data, position)
        if tag == _DT_NULL:
            break
        if tag == _DT_STRTAB:
            strtab_vaddr = value
        elif tag in (_DT_RPATH, _DT_RUNPATH):
            wanted.append(value)
    if strtab_vaddr is None:
        return []
    strtab = next(
        (
            vaddr_off - vaddr + strtab_vaddr
            for vaddr, vaddr_off, size in loads
            if vaddr <= strtab_vaddr < vaddr + size
        ),
        None,
    )
    if strtab is None:
        return []
    slots = []
    for value in wanted:
        start = strtab + value
        end = data.index(b"\0", start)
        slots.append((start, end - start))
    return slots


def read_runpath(data: bytes) -> list[str]:
    return [data[start : start + length].decode("utf-8", "replace") for start, length in _runpath_slots(data)]


def rewrite_runpath(data: bytes, rewrite: str) -> bytes | None:
    """Replace every RPATH/RUNPATH string with ``rewrite`` (NUL-padded); None when there is none to replace
    or one is shorter than ``rewrite`` (the string table cannot grow in place)."""
    slots = _runpath_slots(data)
    encoded = rewrite.encode()
    if not slots or any(length < len(encoded) for _, length in slots):
        return None
    patched = bytearray(data)
    for start, length in slots:
        patched[start : start + length] = encoded + b"\0" * (length - len(encoded))
    return bytes(patched)
