namespace Autoencoders.Nn.Text;

/// <summary>The document autoencoders of <c>ae text train</c>.</summary>
public enum TextAutoencoderKind
{
    /// <summary>A plain autoencoder on bag-of-words vectors: Dense(code, tanh) → Dense(V, sigmoid), binary cross-entropy.</summary>
    Bow,

    /// <summary>KATE: <see cref="Bow"/> with a k-competitive layer after the code (Chen &amp; Zaki 2017).</summary>
    Kate,

    /// <summary>A sequence autoencoder: Embedding → GRU (the code) → RepeatVector → GRU → per-step softmax over the vocabulary.</summary>
    Seq,
}
