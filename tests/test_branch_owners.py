"""A bank's branch is one institution however the bank is written (convention of 2026-12-07): the taxonomy names it
under the bank's canonical name, and the claim checker reads a branch's figures as the branch's own."""
from __future__ import annotations

import pytest

from analyzer.check.claims import own_of
from analyzer.taxonomy import load_taxonomy


@pytest.mark.parametrize("written, canonical", [
    ("工行苏州分行", "中国工商银行苏州分行"),
    ("中国工商银行苏州分行", "中国工商银行苏州分行"),
    ("人民银行深圳市中心支行", "中国人民银行深圳市中心支行"),
    ("中国工商银行", None),  # the bank itself is no branch
    ("苏州分行", None),  # no bank named
])
def test_branch_canonical(written, canonical):
    assert load_taxonomy().branch_canonical(written) == canonical


def test_a_branch_owns_its_figures_under_one_name():
    # ind-268 (dev): a claim naming 工行苏州分行 is checked on the figures stored for 中国工商银行苏州分行
    assert own_of(["工行苏州分行"]) == own_of(["中国工商银行苏州分行"]) == frozenset({"中国工商银行苏州分行"})
    assert own_of(["工商银行"]) == frozenset({"中国工商银行"})
    # a central bank's branch reports a region's figures, not its own (the central bank is no firm or bank with
    # figures of its own)
    assert own_of(["人民银行深圳市中心支行"]) == frozenset()


def test_one_list_of_banks_whose_branches_count():
    """The organisation grammar, Taxonomy.branch_bank and the store's bank queries use one list of bank categories
    (taxonomy.BRANCH_BANKS): a foreign central bank's office is read as no branch by any of them."""
    from analyzer.extract.organizations import OrganizationFinder
    from analyzer.taxonomy import BRANCH_BANKS
    taxonomy = load_taxonomy()
    assert all(categories is BRANCH_BANKS for categories, _ in OrganizationFinder().bank_branches)
    assert taxonomy.lookup("日本银行").category not in BRANCH_BANKS
    assert taxonomy.branch_parent("日本银行大阪分行") is None
    assert taxonomy.branch_parent("工行苏州分行") == "中国工商银行"
