"""The data folder is the one JIMO_DESKTOP_DATA_DIR names, on every system."""

from jimo_desktop import paths


def test_the_data_folder_variable_names_the_folder_and_it_is_made(tmp_path, monkeypatch):
    wanted = tmp_path / "elsewhere" / "data"
    monkeypatch.setenv(paths.DATA_DIR_VARIABLE, str(wanted))
    assert paths.user_data_dir() == wanted
    assert wanted.is_dir()
    assert paths.default_database_path().parent == wanted


def test_without_the_variable_the_folder_is_the_systems_own(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_VARIABLE)
    monkeypatch.setattr(paths, "user_data_path", lambda *names, **_: tmp_path.joinpath(*names))
    assert paths.user_data_dir() == tmp_path / paths.APP_NAME / paths.APP_AUTHOR
