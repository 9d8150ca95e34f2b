"""`python -m ctwg_bench [options]`: the benchmark; `python -m ctwg_bench synth [options]`: a synthetic catalog."""

import sys

if sys.argv[1:2] == ["synth"]:
    from .synth import main

    sys.exit(main(sys.argv[2:]))
from .bench import main

sys.exit(main())
