import shutil
from pathlib import Path

import pytest

from nearabroad import data

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path):
    """A small valid data folder with the project's real schema; tests overwrite one file to break it."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "good", target)
    shutil.copy(ROOT / "data" / "datapackage.json", target / "datapackage.json")
    data.clear_cache()
    yield target
    data.clear_cache()
