using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>How close one method's outputs come to the clean images: the mean over images of each image's PSNR and
/// SSIM (Gaussian window), and for inpainting the mean PSNR over the hidden values alone, where the methods differ.</summary>
public sealed record TranslationScore(string Name, double Psnr, double Ssim, double? HiddenPsnr)
{
    public static TranslationScore Of(string name, ReadOnlySpan<float> clean, ReadOnlySpan<float> outputs, bool[]? hidden, ImageLayout layout)
    {
        int n = layout.ValueCount;
        double? hiddenPsnr = hidden is null ? null
            : ImageQuality.MeanPsnr(clean, outputs, n, image => hidden.AsSpan(image * n, n).ToArray());
        return new TranslationScore(name, ImageQuality.MeanPsnr(clean, outputs, n), ImageQuality.MeanSsim(clean, outputs, layout), hiddenPsnr);
    }
}
