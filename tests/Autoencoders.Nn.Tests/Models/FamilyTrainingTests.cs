using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Regularizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Models;

/// <summary>The kinds of the family trained on small data: each does what it is for.</summary>
public sealed class FamilyTrainingTests
{
    private static Autoencoder Train(Autoencoder model, Loss loss, int epochs = 60, ulong seed = 1)
    {
        var data = LowRankData.Create();
        model.Build(new Shape(data.FeatureCount), seed);
        model.Compile(new Adam(0.01f), loss);
        model.Fit(data, new FitOptions { Epochs = epochs, BatchSize = 50 });
        return model;
    }

    private static double MeanAbsoluteCode(Autoencoder model) => model.Encode(LowRankData.Create()).Average(v => (double)Math.Abs(v));

    [Fact]
    public void AnL1ActivityPenaltyShrinksTheCode()
    {
        var plain = Train(new Autoencoder([new Dense(8, Activation.Relu)], [new Dense(20, Activation.Sigmoid)]), Loss.BinaryCrossEntropy);
        var sparse = Train(new Autoencoder([new Dense(8, Activation.Relu, activityRegularizer: new L1L2Regularizer(1e-2f, 0f))], [new Dense(20, Activation.Sigmoid)]), Loss.BinaryCrossEntropy);
        double plainCode = MeanAbsoluteCode(plain), sparseCode = MeanAbsoluteCode(sparse);
        Assert.True(sparseCode < plainCode / 3, $"mean |code| {sparseCode:F4} with the penalty, {plainCode:F4} without");
        var terms = sparse.EvaluateTerms(LowRankData.Create());
        Assert.True(terms.Added > 0 && Math.Abs(terms.Loss - terms.Reconstruction - terms.Added) < 1e-9, $"{terms}");
    }

    [Fact]
    public void KlSparsityDrivesTheMeanActivationTowardsItsTarget()
    {
        var model = Train(new Autoencoder([new Dense(8, Activation.Sigmoid, activityRegularizer: new KlSparsityRegularizer(0.05f, 3f))], [new Dense(20, Activation.Sigmoid)]),
            Loss.BinaryCrossEntropy, epochs: 100);
        Assert.InRange(model.Encode(LowRankData.Create()).Average(), 0.02, 0.12);
    }

    [Fact]
    public void KlSparsityNeedsASigmoidCode()
    {
        var model = new Autoencoder([new Dense(8, Activation.Relu, activityRegularizer: new KlSparsityRegularizer(0.05f, 3f))], [new Dense(20, Activation.Sigmoid)]);
        var error = Assert.Throws<ArgumentException>(() => Train(model, Loss.BinaryCrossEntropy, epochs: 1));
        Assert.Contains("give layer dense a sigmoid activation, not relu", error.Message);
    }

    [Fact]
    public void TheContractivePenaltyFlattensTheEncoder()
    {
        static double JacobianNorm(Autoencoder model)
        {
            var dense = (Dense)model.Encoder[0];
            var code = model.Encode(LowRankData.Create());
            double total = 0;
            float[] w = dense.Kernel.ToArray();
            for (int n = 0; n < code.Length / 8; n++)
                for (int j = 0; j < 8; j++)
                {
                    double h = code[n * 8 + j], d = h * (1 - h), column = 0;
                    for (int i = 0; i < 20; i++) column += w[i * 8 + j] * w[i * 8 + j];
                    total += d * d * column;
                }
            return total / (code.Length / 8);
        }
        var plain = Train(new Autoencoder([new Dense(8, Activation.Sigmoid)], [new Dense(20, Activation.Sigmoid)]), Loss.BinaryCrossEntropy);
        var contractive = Train(new Autoencoder([new Dense(8, Activation.Sigmoid, activityRegularizer: new ContractiveRegularizer(0.1f))], [new Dense(20, Activation.Sigmoid)]), Loss.BinaryCrossEntropy);
        Assert.True(JacobianNorm(contractive) < JacobianNorm(plain) / 2, $"‖J‖² {JacobianNorm(contractive):F4} with the penalty, {JacobianNorm(plain):F4} without");
    }

    [Fact]
    public void AVaeReportsItsNegativeElboAsReconstructionPlusKl()
    {
        var data = PrototypeData.Create();
        var model = new Autoencoder([new Dense(16, Activation.Relu), new GaussianLatent(2)], [new Dense(16, Activation.Relu), new Dense(24, Activation.Sigmoid)]);
        model.Build(new Shape(24), 1);
        model.Compile(new Adam(0.01f), Loss.BinaryCrossEntropySum);
        var untrained = model.EvaluateTerms(data);
        model.Fit(data, new FitOptions { Epochs = 60, BatchSize = 50 });
        var terms = model.EvaluateTerms(data);
        Assert.True(model.IsVariational);
        // Which of the 4 prototypes a sample is worth up to log 4 ≈ 1.39 nats; the code must carry some of it.
        Assert.True(terms.Added > 0.5, $"KL {terms.Added}: the code carries the cluster");
        Assert.Equal(terms.Reconstruction + terms.Added, terms.Loss, 9);
        Assert.True(terms.Loss < untrained.Loss / 2, $"negative ELBO {terms.Loss:F3} after training, {untrained.Loss:F3} before");
        // Evaluation samples its code (two estimates differ); encoding stays the deterministic mean, before and after.
        float[] codes = model.Encode(data);
        Assert.NotEqual(model.Evaluate(data), model.Evaluate(data));
        Assert.Equal(codes, model.Encode(data));
    }
}
