using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors;

/// <summary>
/// A float32 tensor: a shape over a window of a buffer. Parameters are windows of one contiguous buffer
/// (so the optimizer is one loop); intermediates are recycled by the <see cref="Graph"/>'s arena, which is
/// why the shape and the window can change after construction.
/// </summary>
public sealed class Tensor
{
    private float[] buffer;

    public Tensor(Shape shape)
        : this(AllocateBuffer(shape.ElementCount), 0, shape)
    {
    }

    public Tensor(Shape shape, ReadOnlySpan<float> values)
        : this(shape)
    {
        if (values.Length != shape.ElementCount)
            throw new ArgumentException($"expected {shape.ElementCount} values for shape {shape}, received {values.Length}");
        values.CopyTo(Span);
    }

    /// <summary>A tensor that views <paramref name="length"/> floats of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    public Tensor(float[] buffer, int offset, Shape shape)
    {
        if (offset < 0 || (long)offset + shape.ElementCount > buffer.Length)
            throw new ArgumentException($"a {shape} view at offset {offset} does not fit a buffer of {buffer.Length} floats");
        this.buffer = buffer;
        Offset = offset;
        Shape = shape;
    }

    public Shape Shape { get; private set; }

    public int Offset { get; private set; }

    /// <summary>The array behind the tensor; shared with other tensors when this one is a view.</summary>
    public float[] Buffer => buffer;

    public int Length => Shape.ElementCount;

    /// <summary>Batch size when one sample is one row.</summary>
    public int Rows => Shape.Rows;

    /// <summary>One sample's size when one sample is one row.</summary>
    public int Columns => Shape.Columns;

    public Span<float> Span => buffer.AsSpan(Offset, Length);

    /// <summary>Set when gradients must flow into this tensor: parameters, and anything computed from them.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The gradient of the last <see cref="Graph.Backward"/> with respect to this tensor.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>A name for messages and model files, e.g. <c>encoder.0.kernel</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the current backward pass has written <see cref="Grad"/>: the first write assigns, later
    /// ones add, so gradients need no zeroing pass. Clear it on parameters before each backward pass.</summary>
    public bool GradientWritten { get; set; }

    /// <summary>Set when this tensor is σ(SigmoidInput) in the current step, so that a loss can see through
    /// a final sigmoid and work on the logits, as Keras does for numerical stability.</summary>
    internal Tensor? SigmoidInput { get; set; }

    /// <summary>Set when this tensor is softmax(SoftmaxInput) in the current step, so that a categorical cross-entropy
    /// can work on the logits (log-sum-exp) rather than on log p, which underflows.</summary>
    internal Tensor? SoftmaxInput { get; set; }

    /// <summary>Which steps of a batch of sequences are real, as Keras's <c>_keras_mask</c>: (N, T), 1 for a real step and
    /// 0 for padding. Set by a layer that makes one (Embedding with maskZero), read by mask-aware layers (LSTM, GRU,
    /// GlobalAveragePooling1D); null when every step counts. Cleared when the arena recycles the tensor.</summary>
    public Tensor? Mask { get; set; }

    /// <summary>The logits z when this tensor is σ(z) computed in the current step, else null.</summary>
    public Tensor? SigmoidInputOrNull() => SigmoidInput;

    /// <summary>The logits z when this tensor is softmax(z) computed in the current step, else null.</summary>
    public Tensor? SoftmaxInputOrNull() => SoftmaxInput;

    public float this[int index]
    {
        get => Span[index];
        set => Span[index] = value;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public float ToScalar() => Length == 1 ? buffer[Offset] : throw new InvalidOperationException($"ToScalar() needs one element, the tensor has shape {Shape}");

    public float[] ToArray() => Span.ToArray();

    /// <summary>Re-points this tensor at a new shape within its buffer; used by the arena to recycle tensors.</summary>
    internal void Reset(Shape shape)
    {
        if (shape.ElementCount > buffer.Length - Offset)
        {
            buffer = AllocateBuffer(shape.ElementCount);
            Offset = 0;
        }
        Shape = shape;
        GradientWritten = false;
        SigmoidInput = null;
        SoftmaxInput = null;
        Mask = null;
        RequiresGrad = false;
    }

    /// <summary>Re-points this tensor at another tensor's data under a new shape (a reshape view).</summary>
    internal void ViewOf(Tensor source, Shape shape)
    {
        if (shape.ElementCount != source.Length)
            throw new ArgumentException($"cannot view {source.Shape} as {shape}: {source.Length} elements versus {shape.ElementCount}");
        buffer = source.buffer;
        Offset = source.Offset;
        Shape = shape;
        GradientWritten = false;
        SigmoidInput = null;
        SoftmaxInput = null;
        Mask = null;
        RequiresGrad = false;
    }

    /// <summary>Returns this tensor's gradient buffer sized like the tensor, creating or growing it when needed.</summary>
    internal Tensor EnsureGrad()
    {
        if (Grad is null)
            Grad = new Tensor(Shape);
        else if (Grad.Shape != Shape)
            Grad.Reset(Shape);
        return Grad;
    }

    /// <summary>Pinned (on the pinned object heap) so native kernels can take pointers without pinning per call.</summary>
    internal static float[] AllocateBuffer(int length) => GC.AllocateUninitializedArray<float>(length, pinned: true);

    public override string ToString() => $"Tensor{Shape}{(Name is null ? "" : " " + Name)}";
}
