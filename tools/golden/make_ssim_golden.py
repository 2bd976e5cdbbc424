#!/usr/bin/env python3
"""Writes tests/Autoencoders.Applications.Tests/Translation/ssim_golden.json: scikit-image's image quality metrics on
fixed images, for ImageQuality's and SeparableFilter's tests.

Run with Debian's python3-skimage (0.19) and python3-scipy, from anywhere:

    /usr/bin/python3 tools/golden/make_ssim_golden.py

The C# tests read only the JSON. Pixel values are multiples of 1/255 (as 8-bit images hold them), stored channel-major
(C, H, W). Each case holds the reference and the image, and:
  ssim_gaussian  structural_similarity(data_range=1, gaussian_weights=True, sigma=1.5, use_sample_covariance=False):
                 Wang et al. 2004's 11 × 11 Gaussian window
  ssim_uniform7  structural_similarity(data_range=1): scikit-image's default 7 × 7 uniform window, sample covariance
  psnr           peak_signal_noise_ratio(data_range=1)
  blurred        scipy.ndimage.gaussian_filter(reference plane 0, sigma=1.0) (mode 'reflect', truncate 4)
"""
import os

import numpy as np
from scipy.ndimage import gaussian_filter
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

import golden_json


def quantised(a):
    return np.round(np.clip(a, 0, 1) * 255) / 255


def smooth_pattern(rng, h, w):
    y, x = np.mgrid[0:h, 0:w]
    a = 0.5 + 0.3 * np.sin(x / 3.0 + rng.random() * 6) * np.cos(y / 4.0 + rng.random() * 6)
    a[h // 4: h // 2, w // 3: 2 * w // 3] = 0.9  # a flat block: zero local variance inside it
    return a


def case(name, reference, image):
    """reference, image: (C, H, W) float64 in [0, 1]."""
    channels = reference.shape[0]
    axis = {} if channels == 1 else {"channel_axis": 0}
    ref2, img2 = (reference[0], image[0]) if channels == 1 else (reference, image)
    return {
        "name": name,
        "shape": list(reference.shape),
        "reference": [float(v) for v in reference.ravel()],
        "image": [float(v) for v in image.ravel()],
        "ssim_gaussian": float(structural_similarity(ref2, img2, data_range=1, gaussian_weights=True, sigma=1.5,
                                                     use_sample_covariance=False, **axis)),
        "ssim_uniform7": float(structural_similarity(ref2, img2, data_range=1, **axis)),
        "psnr": float(peak_signal_noise_ratio(reference, image, data_range=1)),
        "blurred": [float(v) for v in gaussian_filter(reference[0], sigma=1.0).ravel()],
    }


def main():
    rng = np.random.default_rng(20261203)
    cases = []
    ref = quantised(smooth_pattern(rng, 28, 28))[None]
    cases.append(case("gray_28_noisy", ref, quantised(ref + rng.normal(0, 0.08, ref.shape))))
    ref = quantised(smooth_pattern(rng, 16, 20))[None]
    cases.append(case("gray_16x20_blurred", ref, quantised(gaussian_filter(ref, sigma=(0, 1.2, 1.2)))))
    ref = quantised(np.stack([smooth_pattern(rng, 16, 16) for _ in range(3)]))
    cases.append(case("rgb_16_shifted", ref, quantised(0.8 * ref + 0.15 + rng.normal(0, 0.03, ref.shape))))
    ref = quantised(rng.random((1, 12, 12)))
    cases.append(case("gray_12_random", ref, quantised(rng.random((1, 12, 12)))))
    folder = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests",
                                           "Autoencoders.Applications.Tests", "Translation"))
    root = os.path.normpath(os.path.join(folder, "..", "..", ".."))
    golden_json.write(folder, root, "tools/golden/make_ssim_golden.py", "ssim_golden.json", {"cases": cases})


if __name__ == "__main__":
    main()
