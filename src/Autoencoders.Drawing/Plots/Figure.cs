namespace Autoencoders.Drawing;

/// <summary>A rendered figure and the pixels of its data area (inside the frame).</summary>
internal readonly record struct Figure(RgbImage Image, PixelRectangle DataArea);
