namespace Autoencoders.Nn.Recommendation;

/// <summary>Predicts the rating a user (dense index) would give an item (dense index); indices past the training
/// matrix's are users or items it never saw.</summary>
public interface IRatingPredictor
{
    /// <summary>The name reported beside the figures: global_mean, item_mean, biases, biased_mf, autorec, …</summary>
    string Name { get; }

    float Predict(int user, int item);
}
