"""Stages 3 and 4, trend and forecast of the Lào Cai series: outlook, scenarios and targets."""
