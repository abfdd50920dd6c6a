"""Demo databases: realistic content for every view, set in the work plan's year (2020).

Each feature adds its part of the demo here, so a new officer (and every screenshot)
sees the program full of the kind of data the bureau really keeps.
"""

from jimo_desktop.demo.builder import DEMO_BUSINESS_DATE, DEMO_OFFICER, create_demo

__all__ = ["DEMO_BUSINESS_DATE", "DEMO_OFFICER", "create_demo"]
