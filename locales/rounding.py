"""Rounding for display: half away from zero (kaufmännisches Runden), as German business
users expect: 78.125 shows as 78.13 and -0.25 as -0.3, where Python, numpy, pandas and Babel
would round half to even (78.12, -0.2). Figures are kept at full precision; only what is
shown or exported is rounded.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import overload

import numpy as np
import numpy.typing as npt

_CLEAN = 6
"""Decimals kept after scaling, to drop the binary error of a product: 2.675 x 100 is
267.49999999999997 in floating point but means the tie 267.5."""


@overload
def half_away(values: float, decimals: int = 0) -> float: ...
@overload
def half_away(values: npt.ArrayLike, decimals: int = 0) -> npt.NDArray[np.float64]: ...
def half_away(values: npt.ArrayLike, decimals: int = 0) -> float | npt.NDArray[np.float64]:
    """`values` rounded to `decimals` places, ties away from zero; NaN stays NaN. A scalar
    gives a float, anything else an array of floats."""
    array = np.asarray(values, dtype=float)
    scale = 10.0**decimals
    scaled = np.round(array * scale, _CLEAN)
    rounded: npt.NDArray[np.float64] = np.sign(scaled) * np.floor(np.abs(scaled) + 0.5) / scale
    # -0.04 rounds to -0.0, which would show as "-0.0".
    rounded = rounded + 0.0
    return float(rounded) if array.ndim == 0 else rounded


def half_away_text(value: float, decimals: int) -> str:
    """`value` with exactly `decimals` places, ties away from zero ("78.13", "-0.3")."""
    exact = Decimal(repr(float(half_away(value, decimals))))
    return f"{exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}"
