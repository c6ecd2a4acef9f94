"""The emulator's core: the pool of slots, execution environments, invocations and the processes they run.

Rule: core knows no HTTP API; the modules in http/ call into it.
"""
