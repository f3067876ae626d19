import pytest

from union_relief.masking import mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧**娜"),
        ("张", "张"),
        ("  张三明 ", "张*明"),
        ("张 三明", "张*明"),
        ("买买提·艾力", "买****力"),
        ("John Smith", "J*** S****"),
        ("  John   Smith  ", "J*** S****"),
        ("John", "J***"),
        ("J", "J"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked
