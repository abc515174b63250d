"""Scopes for tests of the reads: every store, or a few named ones (through the gate)."""

from audits.accounts.access import Capability, Scope, operator_scope


def everything(capability: Capability = "see_results") -> Scope:
    return operator_scope(capability)


def only(*store_ids: str, capability: Capability = "see_results") -> Scope:
    return operator_scope(capability).narrowed(store_ids)
