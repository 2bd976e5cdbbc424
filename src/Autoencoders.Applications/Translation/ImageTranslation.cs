using Autoencoders.Data;
using Autoencoders.Nn.Models;

namespace Autoencoders.Applications.Translation;

/// <summary>An image-to-image model applied to its (corrupted) inputs, as training, <c>ae translate</c> and the report score it.</summary>
public static class ImageTranslation
{
    /// <summary>The model's outputs for <paramref name="inputs"/> (rows of <paramref name="valuesPerImage"/>). Where a corruption
    /// hid values (<paramref name="hidden"/>, inpainting), the visible ones are kept from the input: the model is judged,
    /// as the baselines are, on what it filled in.</summary>
    public static float[] Translate(Model model, float[] inputs, bool[]? hidden, int valuesPerImage)
    {
        float[] outputs = model.Predict(new Dataset(inputs, valuesPerImage));
        if (hidden is not null)
            for (int i = 0; i < outputs.Length; i++)
                if (!hidden[i]) outputs[i] = inputs[i];
        return outputs;
    }
}
