using Autoencoders.Tensors;

namespace Autoencoders.Nn.DeepBelief;

/// <summary>The buffers of one CD step, kept between batches so that training allocates only when a batch grows.</summary>
public sealed class RbmScratch
{
    private Tensor hiddenMeans = new(Shape.Scalar), hiddenSamples = new(Shape.Scalar), visible = new(Shape.Scalar), hidden = new(Shape.Scalar), row = new(Shape.Scalar);

    public (Tensor HiddenMeans, Tensor HiddenSamples, Tensor Visible, Tensor Hidden) For(int batch, int visibleUnits, int hiddenUnits)
    {
        hiddenMeans = Sized(hiddenMeans, new Shape(batch, hiddenUnits));
        hiddenSamples = Sized(hiddenSamples, new Shape(batch, hiddenUnits));
        visible = Sized(visible, new Shape(batch, visibleUnits));
        hidden = Sized(hidden, new Shape(batch, hiddenUnits));
        return (hiddenMeans, hiddenSamples, visible, hidden);
    }

    public Tensor Row(int length) => row = Sized(row, new Shape(length));

    /// <summary>The same buffer under a new shape when it is large enough, else a new one.</summary>
    public static Tensor Sized(Tensor tensor, Shape shape) =>
        tensor.Buffer.Length >= shape.ElementCount ? new Tensor(tensor.Buffer, 0, shape) : new Tensor(shape);
}
