"""The course's colours, shared by every figure: Figure 1 of Goodfellow et al. (2014) has real data
black, the generator green and the discriminator blue (dashed); a mixture is orange."""

REAL_COLOR, FAKE_COLOR, D_COLOR, MIX_COLOR = "black", "tab:green", "tab:blue", "tab:orange"
