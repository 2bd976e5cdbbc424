namespace Autoencoders.Data.Text;

/// <summary>How <see cref="Tokenizer.TextsToMatrix"/> scores a word in a document, Keras's <c>mode</c>.</summary>
public enum BagOfWordsMode
{
    /// <summary>1 where the word occurs, else 0.</summary>
    Binary,

    /// <summary>The number of times it occurs.</summary>
    Count,

    /// <summary>Its count over the document's length in words.</summary>
    Freq,

    /// <summary>(1 + ln count) · ln(1 + documents / (1 + documents holding the word)), as Keras computes it.</summary>
    TfIdf,
}
