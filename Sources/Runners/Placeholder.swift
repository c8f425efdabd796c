enum RunnersPlaceholder {}
