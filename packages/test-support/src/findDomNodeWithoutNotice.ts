// MUI v4's ButtonBase (under every Button, IconButton and ToggleButton, and
// so under Backstage's InfoCard, WarningPanel and SignInPage) hands the DOM
// element it rendered to ReactDOM.findDOMNode, and React 18.3 answers every
// findDOMNode call with a deprecation warning, StrictMode or not. No prop
// avoids that call and MUI v4 gets no more releases; its Portal does the
// same with its container. Given a DOM node findDOMNode returns that node,
// and null given nothing (a detached ref, a Portal without a container):
// here it answers the same without the notice. Anything else (a class
// component, such as a Transition without a nodeRef) still goes to React,
// and its warning fails the test.
jest.mock('react-dom', () => {
  const actual = jest.requireActual('react-dom');
  return {
    ...actual,
    findDOMNode: (instance: unknown) => {
      if (instance === null || instance === undefined) return null;
      if (instance instanceof Node) return instance;
      return actual.findDOMNode(instance);
    },
  };
});
