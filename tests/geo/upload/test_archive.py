from __future__ import annotations

import stat
import zipfile

import pytest

from geo.upload.archive import extract_zip
from geo.upload.errors import UploadError
from geo.upload.limits import MAX_UPLOAD_BYTES, check_upload_size

OK = {"县界.shp": b"shp", "县界.shx": b"shx", "县界.dbf": b"dbf", "县界.prj": b"prj"}


def test_extracts_only_expected_extensions_flat(tmp_path, make_zip):
    data = make_zip(
        {**{f"data/{k}": v for k, v in OK.items()}, "readme.txt": b"x", "__MACOSX/data/._县界.shp": b"junk"}
    )
    out = tmp_path / "out"
    out.mkdir()
    written = extract_zip(data, out)
    assert sorted(p.name for p in written) == sorted(OK)
    assert sorted(p.name for p in out.iterdir()) == sorted(OK)
    assert (out / "县界.shp").read_bytes() == b"shp"


@pytest.mark.parametrize("name", ["../evil.shp", "data/../../evil.shp", "..\\evil.shp"])
def test_zip_slip_rejected_and_nothing_written(tmp_path, make_zip, assert_chinese, name):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UploadError) as err:
        extract_zip(make_zip({**OK, name: b"x"}), out)
    assert_chinese(err, "上级目录", "../", kind="unsafe_path")
    assert list(out.iterdir()) == []
    assert not (tmp_path / "evil.shp").exists()


@pytest.mark.parametrize("name", ["/etc/evil.shp", "C:/evil.shp", "C:\\evil.shp"])
def test_absolute_paths_rejected(tmp_path, make_zip, assert_chinese, name):
    with pytest.raises(UploadError) as err:
        extract_zip(make_zip({name: b"x"}), tmp_path)
    assert_chinese(err, "绝对路径", kind="unsafe_path")
    assert list(tmp_path.iterdir()) == []


def test_symlink_rejected(tmp_path, make_zip, assert_chinese):
    info = zipfile.ZipInfo("link.shp")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with pytest.raises(UploadError) as err:
        extract_zip(make_zip(OK, infos=[(info, b"/etc/passwd")]), tmp_path)
    assert_chinese(err, "符号链接", kind="unsafe_path")
    assert list(tmp_path.iterdir()) == []


def test_zip_bomb_ratio_rejected(tmp_path, make_zip, assert_chinese):
    data = make_zip({"bomb.dbf": b"\0" * (64 * 1024 * 1024)})
    assert len(data) < 200_000
    with pytest.raises(UploadError) as err:
        extract_zip(data, tmp_path)
    assert_chinese(err, "压缩比", "压缩炸弹", kind="zip_bomb")
    assert list(tmp_path.iterdir()) == []


def test_zip_bomb_total_size_rejected(tmp_path, make_zip, assert_chinese):
    data = make_zip({"a.dbf": b"\0" * (3 * 1024 * 1024)})
    with pytest.raises(UploadError) as err:
        extract_zip(data, tmp_path, max_total_bytes=2 * 1024 * 1024, max_ratio=10_000)
    assert_chinese(err, "解压后共", "3.0 MB", "压缩炸弹", kind="zip_bomb")


def test_too_many_members(tmp_path, make_zip, assert_chinese):
    data = make_zip({f"f{i}.prj": b"x" for i in range(12)})
    with pytest.raises(UploadError) as err:
        extract_zip(data, tmp_path, max_members=10)
    assert_chinese(err, "12 个文件", kind="too_many_members")


def test_file_over_upload_limit(tmp_path, make_zip, assert_chinese):
    data = make_zip(OK)
    with pytest.raises(UploadError) as err:
        extract_zip(data, tmp_path, max_upload_bytes=100)
    assert_chinese(err, "超过上限", kind="too_large")
    with pytest.raises(UploadError) as err:
        check_upload_size(MAX_UPLOAD_BYTES + 1)
    assert_chinese(err, "100.0 MB", kind="too_large")


def test_empty_and_not_a_zip(tmp_path, assert_chinese):
    with pytest.raises(UploadError) as err:
        extract_zip(b"", tmp_path)
    assert_chinese(err, "空文件", kind="empty")
    with pytest.raises(UploadError) as err:
        extract_zip(b"PK\x03\x04 definitely not a zip", tmp_path)
    assert_chinese(err, "ZIP", kind="bad_zip")


def test_duplicate_base_names_rejected(tmp_path, make_zip, assert_chinese):
    with pytest.raises(UploadError) as err:
        extract_zip(make_zip({"a/x.shp": b"1", "b/X.shp": b"2"}), tmp_path)
    assert_chinese(err, "同名", kind="duplicate_member")


def test_gbk_member_names_decoded(tmp_path, make_zip):
    # Windows tools write GBK names without the UTF-8 flag: patch the raw bytes of a same-length ASCII name.
    gbk = "县界.prj".encode("gbk")
    data = make_zip({"XXXX.prj": b"x"}).replace(b"XXXX.prj", gbk)
    (path,) = extract_zip(data, tmp_path)
    assert path.name == "县界.prj"
