namespace Likeness.Governance.Review;

/// <summary>A person allowed to confirm or reject candidate matches, with the date of their training (RCW 43.386 asks for trained operators).</summary>
public sealed record Reviewer(string ReviewerId, string Name, string Role, DateOnly TrainedOn);
