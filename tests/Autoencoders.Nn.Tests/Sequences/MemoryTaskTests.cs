using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Training;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests.Sequences;

/// <summary>
/// A task only a model with memory can solve: each sequence is a random order of the tokens 1…10, each once, and its
/// label is the token seen <see cref="Lag"/> steps before the end. Every sequence holds the same bag of tokens, so a
/// model that ignores order sees identical inputs for every sample and cannot beat chance (1 in 10).
/// </summary>
public sealed class MemoryTaskTests
{
    private const int Tokens = 10, Lag = 3;

    private static (Dataset Ids, Dataset Labels) Permutations(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var ids = new float[count * Tokens];
        var labels = new float[count];
        var order = new int[Tokens];
        for (int n = 0; n < count; n++)
        {
            for (int i = 0; i < Tokens; i++) order[i] = i + 1;
            for (int i = Tokens - 1; i > 0; i--) // Fisher–Yates
            {
                int j = (int)(random.NextFloat() * (i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            for (int i = 0; i < Tokens; i++) ids[n * Tokens + i] = order[i];
            labels[n] = order[Tokens - 1 - Lag] - 1; // class ids 0…9
        }
        return (new Dataset(ids, Tokens), new Dataset(labels, 1));
    }

    private static double TestAccuracy(Sequential model)
    {
        var (trainIds, trainLabels) = Permutations(4000, seed: 1);
        var (testIds, testLabels) = Permutations(1000, seed: 2);
        model.Build(new Shape(Tokens), seed: 3);
        model.Compile(new Adam(0.01f), Loss.SparseCategoricalCrossEntropy, ["accuracy"]);
        model.Fit(trainIds, new FitOptions { Epochs = 12, BatchSize = 64, Seed = 4 }, trainLabels);
        return model.EvaluateTerms(testIds, testLabels).Metrics["accuracy"];
    }

    [Fact]
    public void AGruRemembersTheTokenSeveralStepsBack()
    {
        var model = new Sequential(new Embedding(Tokens + 1, 8), new Gru(32), new Dense(Tokens, Activation.Softmax));
        double accuracy = TestAccuracy(model);
        Assert.True(accuracy >= 0.95, $"GRU test accuracy {accuracy:P1}");
    }

    [Fact]
    public void AModelThatIgnoresOrderStaysAtChance()
    {
        // The same task through a bag of tokens (the mean of the embeddings): every sample looks the same to it.
        var model = new Sequential(new Embedding(Tokens + 1, 8), new GlobalAveragePooling1D(), new Dense(32, Activation.Relu), new Dense(Tokens, Activation.Softmax));
        double accuracy = TestAccuracy(model);
        Assert.True(accuracy <= 0.15, $"bag-of-tokens test accuracy {accuracy:P1}, chance is 10 %");
    }
}
