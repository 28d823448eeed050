"""Repository files -> loadable variants; download jobs as values."""

import pytest

from desktop.core.downloads import (
    DownloadJob,
    JobState,
    SpeedMeter,
    job_from_dict,
    job_id_for,
    job_to_dict,
)
from desktop.core.hub_models import (
    HubFile,
    group_variants,
    is_model_file,
    quantization_of,
    split_part,
)


@pytest.mark.parametrize(("name", "quant"), [
    ("Qwen2.5-7B-Instruct-Q4_K_M.gguf", "Q4_K_M"),
    ("qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf", "Q4_K_M"),
    ("gemma-3-4b-it-UD-Q4_K_XL.gguf", "UD-Q4_K_XL"),
    ("EXAONE-3.5-2.4B-Instruct-BF16.gguf", "BF16"),
    ("Q8_0/Model-Q8_0-00002-of-00003.gguf", "Q8_0"),
    ("Phi-4-mini-instruct-IQ4_XS.gguf", "IQ4_XS"),
    ("SmolLM2-135M-Instruct-Q4_1.gguf", "Q4_1"),
    ("model.gguf", ""),
])
def test_quantization_is_read_from_the_file_name(name, quant):
    assert quantization_of(name) == quant


def test_split_parts_and_non_models_are_recognised():
    assert split_part("a/b-Q4_K_M-00002-of-00003.gguf").index == 2
    assert split_part("b-Q4_K_M.gguf") is None
    assert not is_model_file("mmproj-model-f16.gguf")
    assert not is_model_file("README.md")
    assert is_model_file("x-Q4_0.GGUF")


def test_split_files_become_one_variant_and_variants_sort_by_size():
    files = [
        HubFile("m-Q8_0.gguf", 900, "c" * 64),
        HubFile("m-Q4_K_M-00002-of-00002.gguf", 200, "b" * 64),
        HubFile("m-Q4_K_M-00001-of-00002.gguf", 300, "a" * 64),
        HubFile("m-Q2_K-00001-of-00002.gguf", 100, "d" * 64),  # its part 2 is missing
        HubFile("mmproj-f16.gguf", 50, "e" * 64),
        HubFile("README.md", 1),
    ]
    variants = group_variants("org/m", "abc", files)
    assert [(v.quantization, v.size, len(v.files)) for v in variants] == [
        ("Q2_K", 100, 1), ("Q4_K_M", 500, 2), ("Q8_0", 900, 1)]
    q2, q4, q8 = variants
    assert q4.filename == "m-Q4_K_M-00001-of-00002.gguf" and q4.is_split and q4.complete
    assert not q2.complete and q8.complete and not q8.is_split
    assert q4.revision == "abc" and q4.repo_id == "org/m"


def test_a_job_survives_its_json_and_a_running_one_comes_back_paused():
    variant = group_variants("org/m", "rev", [HubFile("m-Q4_0.gguf", 1000, "f" * 64)])[0]
    job = DownloadJob(job_id_for(variant), variant, JobState.RUNNING, 400)
    back = job_from_dict(job_to_dict(job))
    assert back.variant == variant and back.done_bytes == 400
    assert back.state is JobState.PAUSED
    assert job_id_for(variant) == "org/m/m-Q4_0.gguf"
    with pytest.raises(ValueError, match="bad download entry"):
        job_from_dict({"repo_id": "x"})


def test_time_left_follows_the_speed():
    variant = group_variants("o/m", "r", [HubFile("m-Q4_0.gguf", 1000)])[0]
    job = DownloadJob("j", variant, JobState.RUNNING, 400, speed=100.0)
    assert job.seconds_left == 6.0 and job.fraction == 0.4
    assert job.with_(state=JobState.PAUSED).seconds_left is None


def test_speed_is_averaged_over_a_window():
    meter = SpeedMeter(window=5.0)
    assert meter.add(0.0, 0) == 0.0
    assert meter.add(1.0, 100) == 100.0
    assert meter.add(2.0, 300) == 150.0
    # Old samples fall out: only the last five seconds count.
    for t in range(3, 12):
        speed = meter.add(float(t), 300 + (t - 2) * 1000)
    assert speed == pytest.approx(1000.0)
