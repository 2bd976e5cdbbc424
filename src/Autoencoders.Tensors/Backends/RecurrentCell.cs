namespace Autoencoders.Tensors.Backends;

/// <summary>The recurrent cells the backends run over whole sequences.</summary>
public enum RecurrentCell
{
    /// <summary>Hochreiter &amp; Schmidhuber 1997 with a forget gate, PyTorch's equations and gate order (i, f, g, o).</summary>
    Lstm,

    /// <summary>Cho et al. 2014, PyTorch's equations and gate order (r, z, n): the reset gate applied after W_hn (Keras's reset_after=True).</summary>
    Gru,
}
