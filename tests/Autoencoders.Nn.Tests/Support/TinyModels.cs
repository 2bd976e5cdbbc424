using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Losses;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Tests;

/// <summary>Small autoencoders that build and train in milliseconds.</summary>
public static class TinyModels
{
    /// <summary>features → hidden (tanh) → code (linear) → hidden (tanh) → features (sigmoid).</summary>
    public static Autoencoder Create(int features = 20, int code = 3, int hidden = 16) => new(
        [new Dense(hidden, Activation.Tanh), new Dense(code)],
        [new Dense(hidden, Activation.Tanh), new Dense(features, Activation.Sigmoid)]);

    /// <summary>A built and compiled <see cref="Create"/>.</summary>
    public static Autoencoder Compiled(Optimizer optimizer, Loss? loss = null, ulong seed = 1, int features = 20)
    {
        var model = Create(features);
        model.Build(new Shape(features), seed);
        model.Compile(optimizer, loss ?? Loss.MeanSquaredError);
        return model;
    }
}
