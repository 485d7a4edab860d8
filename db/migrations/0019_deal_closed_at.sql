-- When a deal's offering closed: the Regulation S distribution compliance period runs from the
-- later of the first offer and the closing (17 CFR 230.903(b)(2), (b)(3)), so transfers of
-- securities sold under Regulation S are gated on it. Set by the deal workflow when the deal is
-- closed (or completed without being closed first); null while the offering is open.
alter table deals add column closed_at timestamptz;
