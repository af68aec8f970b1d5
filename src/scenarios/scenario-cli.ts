export async function scenarioCommand(_args: string[]): Promise<number> {
  console.error('no scenarios yet');
  return 1;
}
