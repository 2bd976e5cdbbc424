using Autoencoders.Tensors.Backends;

namespace Autoencoders.Tensors.Autodiff;

/// <summary>
/// Reverse-mode autodiff over tensor ops (the micrograd idea: each op records how to push gradients to its
/// operands, and <see cref="Backward"/> replays the records in reverse, always adding into gradients).
/// A training step is: <see cref="Reset"/>, ops, <see cref="Backward"/>. Intermediate tensors come from an
/// arena that hands out the same tensors in the same order every step, so a step whose ops repeat the
/// last step's allocates nothing. Tensors from a step stay valid until the next <see cref="Reset"/>.
/// </summary>
public sealed partial class Graph
{
    private readonly List<Tensor> arena = [];
    private readonly List<Tensor> views = [];
    private readonly List<Tensor> auxiliaryLosses = [];
    private readonly List<Tensor[]> lists = [];
    private int arenaCursor, viewCursor, listCursor;
    private TapeEntry[] tape = new TapeEntry[64];
    private int tapeLength;

    public Graph(IComputeBackend backend) => Backend = backend;

    public IComputeBackend Backend { get; }

    /// <summary>False for inference (evaluate, predict): ops then record nothing.</summary>
    public bool IsRecording { get; set; } = true;

    /// <summary>Starts a new step: forgets the tape and recycles every intermediate tensor.</summary>
    public void Reset()
    {
        arenaCursor = 0;
        viewCursor = 0;
        listCursor = 0;
        tapeLength = 0;
        auxiliaryLosses.Clear();
    }

    /// <summary>Adds a scalar to this step's objective beside the model's loss (Keras's add_loss): activity
    /// penalties, a VAE's KL term. The trainer adds them to the loss before <see cref="Backward"/>.</summary>
    public void AddLoss(Tensor scalar)
    {
        if (scalar.Length != 1)
            throw new ArgumentException($"an added loss must be a scalar, received shape {scalar.Shape}");
        auxiliaryLosses.Add(scalar);
    }

    /// <summary>The scalars added by <see cref="AddLoss"/> since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<Tensor> AuxiliaryLosses => auxiliaryLosses;

    /// <summary>A new intermediate tensor of this step, contents undefined.</summary>
    public Tensor NewTensor(Shape shape)
    {
        if (arenaCursor == arena.Count)
            arena.Add(new Tensor(shape));
        Tensor tensor = arena[arenaCursor++];
        tensor.Reset(shape);
        return tensor;
    }

    /// <summary>An array of <paramref name="length"/> tensor slots for this step (a model graph's values, a merge
    /// layer's operands), recycled like the tensors, so a step that asks for the same lists again allocates nothing.</summary>
    public Tensor[] NewTensorList(int length)
    {
        if (listCursor == lists.Count)
            lists.Add(new Tensor[length]);
        else if (lists[listCursor].Length != length)
            lists[listCursor] = new Tensor[length];
        return lists[listCursor++];
    }

    /// <summary>A tensor of this step holding a copy of <paramref name="values"/>.</summary>
    public Tensor Constant(Shape shape, ReadOnlySpan<float> values)
    {
        if (values.Length != shape.ElementCount)
            throw new ArgumentException($"expected {shape.ElementCount} values for shape {shape}, received {values.Length}");
        Tensor tensor = NewTensor(shape);
        values.CopyTo(tensor.Span);
        return tensor;
    }

    /// <summary>Computes the gradient of the scalar <paramref name="loss"/> with respect to every tensor
    /// that requires one and took part in this step; gradients land in <see cref="Tensor.Grad"/>.</summary>
    public void Backward(Tensor loss)
    {
        if (loss.Length != 1)
            throw new ArgumentException($"backward needs a scalar loss, received shape {loss.Shape}");
        if (!loss.RequiresGrad)
            throw new InvalidOperationException("the loss does not depend on any tensor that requires a gradient");
        loss.EnsureGrad().Span[0] = 1f;
        loss.GradientWritten = true;
        for (int i = tapeLength - 1; i >= 0; i--)
        {
            ref TapeEntry entry = ref tape[i];
            if (!entry.Output.GradientWritten)
                continue; // no gradient reached this op's output, so none flows to its operands
            BackwardOf(ref entry);
        }
    }

    private void BackwardOf(ref TapeEntry entry)
    {
        switch (entry.Op)
        {
            case OpCode.MatMul: MatMulBackward(ref entry); break;
            case OpCode.Linear: LinearBackward(ref entry); break;
            case OpCode.Binary: BinaryBackward(ref entry); break;
            case OpCode.Unary: UnaryBackward(ref entry); break;
            case OpCode.Affine: AffineBackward(ref entry); break;
            case OpCode.Sum: SumBackward(ref entry); break;
            case OpCode.Softmax: SoftmaxBackward(ref entry); break;
            case OpCode.Reshape: ReshapeBackward(ref entry); break;
            case OpCode.Conv2D: Conv2DBackward(ref entry); break;
            case OpCode.Conv2DTranspose: Conv2DTransposeBackward(ref entry); break;
            case OpCode.MaxPool2D: MaxPool2DBackward(ref entry); break;
            case OpCode.UpSample2D: UpSample2DBackward(ref entry); break;
            case OpCode.BatchNorm: BatchNormBackward(ref entry); break;
            case OpCode.SquaredError: SquaredErrorBackward(ref entry); break;
            case OpCode.BinaryCrossEntropy: BinaryCrossEntropyBackward(ref entry); break;
            case OpCode.BinaryCrossEntropyWithLogits: BinaryCrossEntropyWithLogitsBackward(ref entry); break;
            case OpCode.Gather: GatherBackward(ref entry); break;
            case OpCode.Slice: SliceBackward(ref entry); break;
            case OpCode.ConcatenatePart: ConcatenatePartBackward(ref entry); break;
            case OpCode.SparseCategoricalCrossEntropy: SparseCategoricalCrossEntropyBackward(ref entry); break;
            case OpCode.CategoricalCrossEntropy: CategoricalCrossEntropyBackward(ref entry); break;
            case OpCode.Lstm: LstmBackward(ref entry); break;
            case OpCode.Gru: GruBackward(ref entry); break;
            case OpCode.RepeatVector: RepeatVectorBackward(ref entry); break;
            case OpCode.Conv1D: Conv1DBackward(ref entry); break;
            case OpCode.Conv1DTranspose: Conv1DTransposeBackward(ref entry); break;
            case OpCode.MaxPool1D: MaxPool1DBackward(ref entry); break;
            case OpCode.UpSample1D: UpSample1DBackward(ref entry); break;
            case OpCode.GlobalAveragePool1D: GlobalAveragePool1DBackward(ref entry); break;
            case OpCode.GlobalMaxPool1D: GlobalMaxPool1DBackward(ref entry); break;
            case OpCode.MaskedSquaredError: MaskedSquaredErrorBackward(ref entry); break;
            default: throw new InvalidOperationException($"no gradient rule for {entry.Op}");
        }
    }

    /// <summary>Whether an op on these operands must be recorded: only when a gradient can flow through it.</summary>
    private bool Tracks(Tensor a, Tensor? b = null, Tensor? c = null) =>
        IsRecording && (a.RequiresGrad || (b?.RequiresGrad ?? false) || (c?.RequiresGrad ?? false));

    private void Record(Tensor output, in TapeEntry entry)
    {
        output.RequiresGrad = true;
        if (tapeLength == tape.Length)
            Array.Resize(ref tape, tape.Length * 2);
        tape[tapeLength] = entry;
        tape[tapeLength].Output = output;
        tapeLength++;
    }

    /// <summary>The gradient buffer an operand's gradient goes to, or null when it needs none.
    /// <paramref name="accumulate"/> is false for the first write of this step (overwrite), true after.</summary>
    private static Tensor? GradientOf(Tensor operand, out bool accumulate)
    {
        accumulate = operand.GradientWritten;
        if (!operand.RequiresGrad)
            return null;
        Tensor grad = operand.EnsureGrad();
        operand.GradientWritten = true;
        return grad;
    }

    private static Tensor GradOfOutput(in TapeEntry entry) => entry.Output.Grad!;
}
