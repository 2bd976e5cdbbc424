using Autoencoders.Data;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// How a weight array is filled before training, from its fan-in and fan-out.
/// Glorot: Glorot &amp; Bengio 2010, http://proceedings.mlr.press/v9/glorot10a.html;
/// He: He et al. 2015, https://arxiv.org/abs/1502.01852.
/// </summary>
public sealed record Initializer
{
    public static readonly Initializer Zeros = new("zeros");
    /// <summary>All ones: batch norm's scale.</summary>
    public static readonly Initializer Ones = new("ones");
    /// <summary>U(±√(6 / (fanIn + fanOut))), the Keras default for kernels.</summary>
    public static readonly Initializer GlorotUniform = new("glorot_uniform");
    /// <summary>N(0, √(2 / (fanIn + fanOut))).</summary>
    public static readonly Initializer GlorotNormal = new("glorot_normal");
    /// <summary>U(±√(6 / fanIn)), suited to ReLU.</summary>
    public static readonly Initializer HeUniform = new("he_uniform");
    /// <summary>N(0, √(2 / fanIn)).</summary>
    public static readonly Initializer HeNormal = new("he_normal");
    /// <summary>U(±1 / √fanIn): PyTorch's default for nn.Linear weights and biases.</summary>
    public static readonly Initializer TorchDefault = new("torch_default");
    /// <summary>U(±0.05), whatever the fan: Keras's RandomUniform defaults, the default of Embedding's table.</summary>
    public static readonly Initializer Uniform = new("uniform");

    /// <summary>A random orthogonal matrix (Saxe et al. 2014, https://arxiv.org/abs/1312.6120), Keras's default for recurrent
    /// kernels; fanIn × fanOut are read as the stored matrix's rows × columns (see <see cref="OrthogonalMatrix"/>).</summary>
    public static readonly Initializer Orthogonal = new("orthogonal");

    private static readonly Initializer[] All = [Zeros, Ones, GlorotUniform, GlorotNormal, HeUniform, HeNormal, TorchDefault, Uniform, Orthogonal];

    private Initializer(string name) => Name = name;

    public string Name { get; }

    public static IEnumerable<string> Names => All.Select(i => i.Name);

    public static Initializer Parse(string name) =>
        All.FirstOrDefault(i => i.Name == name.ToLowerInvariant())
        ?? throw new ArgumentException($"unknown initializer \"{name}\", expected one of {string.Join(", ", Names)}");

    public void Fill(Span<float> values, int fanIn, int fanOut, DeterministicRandom random)
    {
        switch (Name)
        {
            case "zeros": values.Clear(); break;
            case "ones": values.Fill(1f); break;
            case "glorot_uniform": FillUniform(values, MathF.Sqrt(6f / (fanIn + fanOut)), random); break;
            case "glorot_normal": random.FillGaussian(values, 0f, MathF.Sqrt(2f / (fanIn + fanOut))); break;
            case "he_uniform": FillUniform(values, MathF.Sqrt(6f / fanIn), random); break;
            case "he_normal": random.FillGaussian(values, 0f, MathF.Sqrt(2f / fanIn)); break;
            case "uniform": FillUniform(values, 0.05f, random); break;
            case "orthogonal": OrthogonalMatrix.Fill(values, fanIn, fanOut, random); break;
            default: FillUniform(values, 1f / MathF.Sqrt(fanIn), random); break;
        }
    }

    private static void FillUniform(Span<float> values, float limit, DeterministicRandom random) =>
        random.FillUniform(values, -limit, limit);

    public override string ToString() => Name;
}
