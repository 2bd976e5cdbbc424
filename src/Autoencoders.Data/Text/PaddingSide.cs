namespace Autoencoders.Data.Text;

/// <summary>Where <see cref="SequencePadding"/> pads or cuts a sequence: at its start (Keras's default, "pre") or its end ("post").</summary>
public enum PaddingSide
{
    Pre,
    Post,
}
