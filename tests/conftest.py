import pytest


def pytest_addoption(parser):
    parser.addoption("--update-regression", action="store_true", default=False,
                     help="rewrite tests/regression/*.json from the current results "
                          "(then add a line to its 'history' saying why it changed)")


@pytest.fixture
def update_regression(request):
    return request.config.getoption("--update-regression")
