using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// The code layer of a variational autoencoder (Kingma &amp; Welling 2014, https://arxiv.org/abs/1312.6114): two linear
/// maps give the mean μ and log-variance log σ² of q(z | x); the layer adds β · KL(q ‖ N(0, I)) per sample to the
/// step's loss and outputs z = μ + σ·ε, ε ~ N(0, I) (the reparameterisation trick). When not training it outputs μ,
/// unless <see cref="SampleWhenNotTraining"/> is set (to estimate the ELBO on test data, as PyTorch's reference does).
/// </summary>
public sealed class GaussianLatent : Layer
{
    private Parameter? meanKernel, meanBias, logVarianceKernel, logVarianceBias;
    private DeterministicRandom? random;

    internal override DeterministicRandom? RandomStream => random;

    public GaussianLatent(int units, float beta = 1f, Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        Conv2D.RequirePositive(units, "number of latent units");
        if (!(beta >= 0f)) throw new ArgumentException($"expected a non-negative KL weight β, received {beta}");
        (Units, Beta) = (units, beta);
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        BiasInitializer = biasInitializer ?? Initializer.Zeros;
    }

    public override string TypeName => "GaussianLatent";

    public int Units { get; }

    /// <summary>The weight of the KL term (β-VAE, Higgins et al. 2017); 1 gives the ELBO.</summary>
    public float Beta { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    /// <summary>Sample z also outside training: set while estimating the negative ELBO of test data.</summary>
    public bool SampleWhenNotTraining { get; set; }

    /// <summary>The KL term of the last forward pass, per sample (before β): for the figures beside the loss.</summary>
    public Tensor? LastKl { get; private set; }

    public override Shape ComputeOutputShape(Shape inputShape) => new(Units);

    protected override void CreateParameters(Shape inputShape, DeterministicRandom modelRandom)
    {
        int inputs = inputShape.ElementCount;
        meanKernel = AddParameter("mean_kernel", new Shape(inputs, Units));
        meanBias = AddParameter("mean_bias", new Shape(Units));
        logVarianceKernel = AddParameter("log_variance_kernel", new Shape(inputs, Units));
        logVarianceBias = AddParameter("log_variance_bias", new Shape(Units));
        foreach (var (kernel, bias) in new[] { (meanKernel, meanBias), (logVarianceKernel, logVarianceBias) })
        {
            KernelInitializer.Fill(kernel.Value.Span, inputs, Units, modelRandom);
            BiasInitializer.Fill(bias.Value.Span, inputs, Units, modelRandom);
        }
        random = modelRandom.Fork();
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) => Forward(graph, x, training, sample: training || SampleWhenNotTraining);

    /// <summary>The forward pass, sampling z when <paramref name="sample"/> is set, else returning μ: for a caller that
    /// samples outside training (the ELBO of test data) without setting <see cref="SampleWhenNotTraining"/>, which
    /// would change what other threads' calls on the same model return meanwhile.</summary>
    public Tensor Forward(Graph graph, Tensor x, bool training, bool sample)
    {
        Tensor mean = graph.Linear(x, meanKernel!.Value, meanBias!.Value);
        Tensor logVariance = graph.Linear(x, logVarianceKernel!.Value, logVarianceBias!.Value);
        Tensor kl = graph.GaussianKlDivergence(mean, logVariance);
        LastKl = kl;
        graph.AddLoss(Beta == 1f ? kl : graph.Scale(kl, Beta));
        if (!sample) return mean;
        Tensor noise = graph.NewTensor(mean.Shape);
        random!.FillGaussian(noise.Span, 0f, 1f);
        return graph.Add(mean, graph.Multiply(noise, graph.Exp(graph.Scale(logVariance, 0.5f))));
    }

    public override JsonObject GetConfig() => Config(
        ("units", Units), ("beta", Beta), ("kernel_initializer", KernelInitializer.Name), ("bias_initializer", BiasInitializer.Name));

    internal static GaussianLatent FromConfig(LayerConfig c) => new(
        c.RequiredInteger("units"), c.Real("beta") ?? 1f,
        Initializer.Parse(c.Text("kernel_initializer") ?? Initializer.GlorotUniform.Name),
        Initializer.Parse(c.Text("bias_initializer") ?? Initializer.Zeros.Name));
}
