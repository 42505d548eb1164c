"""Run the analyzer CLI from a checkout: ``python cli.py …`` is the same as ``analyzer …``."""
from analyzer.cli import main

if __name__ == "__main__":
    main()
