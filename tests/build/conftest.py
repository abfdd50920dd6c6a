"""The build tests are slow (a PyInstaller run); `pytest -m "not slow"` leaves them out."""


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds the packaged program (about a minute)")
