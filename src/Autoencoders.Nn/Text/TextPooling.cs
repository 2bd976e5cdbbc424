namespace Autoencoders.Nn.Text;

/// <summary>What a text classifier does between its Embedding and its output layer, to turn (T, D) word vectors into
/// one vector per document.</summary>
public enum TextPooling
{
    /// <summary>Flatten: the T·D values side by side (the seeds' tutorial; position-dependent).</summary>
    Flatten,

    /// <summary>GlobalAveragePooling1D over the real (unpadded) words: a bag of embeddings.</summary>
    Average,

    /// <summary>An LSTM's last state over the real words.</summary>
    Lstm,

    /// <summary>A GRU's last state over the real words.</summary>
    Gru,

    /// <summary>Conv1D (kernel 3, ReLU) then GlobalMaxPooling1D: n-gram detectors.</summary>
    Conv1D,
}
