"""Review steps over finished findings: the suspect of each discrepancy, and waivers."""
