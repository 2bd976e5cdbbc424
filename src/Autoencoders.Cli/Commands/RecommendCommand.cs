using System.CommandLine;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae recommend</c>: AutoRec and Mult-VAE/DAE on rating logs — train, evaluate, top, similar, and a synthetic generator.</summary>
internal static class RecommendCommand
{
    public static Command Create(TextWriter output) => new("recommend", "Recommendation from ratings: AutoRec (explicit ratings) and Mult-VAE / Mult-DAE (implicit feedback), beside baselines")
    {
        RecommendTrainCommand.Create(output),
        RecommendEvaluateCommand.Create(output),
        RecommendTopCommand.Create(output),
        RecommendSimilarCommand.Create(output),
        RecommendSyntheticCommand.Create(output),
    };
}
