"""Did an action make progress? Is the agent going round in circles?"""
